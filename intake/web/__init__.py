"""HTML front end: witness pages (no JavaScript, no cookies) and the editors' desk."""
