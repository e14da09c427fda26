"""The ReportLab renderer of the PDF dossier: a frozen Dossier in, PDF bytes out; no Session, no Qt."""
