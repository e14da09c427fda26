"""SQLAlchemy models, and opening, checking and migrating case files."""
