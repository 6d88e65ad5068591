"""Reading models: parse safely, resolve ``extends``, structure, check, locate problems."""

from mentorcore.loading.loader import Loaded, load, strict

__all__ = ["Loaded", "load", "strict"]
