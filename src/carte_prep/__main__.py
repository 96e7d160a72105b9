"""Allow ``python -m carte_prep``."""

from carte_prep.cli import main

raise SystemExit(main())
