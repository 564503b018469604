"""Django's PostgreSQL backend, with a check before reusing a connection that sends nothing."""
