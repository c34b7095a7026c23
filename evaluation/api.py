"""The evaluation app's router, mounted at /api/v1/evaluation/ (zhicheng/api.py)."""

from ninja import Router

from .pool_api import router as pool_router

router = Router()
router.add_router("/", pool_router)
