"""One router per area of the site; :func:`app.main.create_app` includes them all."""
