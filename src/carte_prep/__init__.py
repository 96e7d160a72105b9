"""carte-prep: prepare a French residence card application."""

__version__ = "0.1.0"
