"""The web app and REST API over the store (``communique serve``).

``app.create_app`` builds the FastAPI application: ``api.router`` serves JSON
under ``/api``, ``pages.router`` serves server-rendered HTML pages.
"""
