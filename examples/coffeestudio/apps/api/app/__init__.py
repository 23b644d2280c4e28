"""CoffeeStudio API (stdlib-only stand-in for the FastAPI service)."""
