"""NER pipelines (spaCy) per language, loaded lazily once per process."""
