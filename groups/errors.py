from community.errors import RateLimited

__all__ = ["RateLimited"]
