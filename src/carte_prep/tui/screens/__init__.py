"""The app's screens: households, member checklist, profile editor, photos, dialogs."""
