"""Dialogs; each opens through a small class method that tests can replace."""
