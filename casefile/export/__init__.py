"""Writing a case out of the app: JSON interchange and PDF dossiers, without Qt or a Session."""
