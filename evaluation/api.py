"""The evaluation app's router, mounted at /api/v1/evaluation/ (zhicheng/api.py). Each part adds
its own router here."""

from __future__ import annotations

from ninja import Router

from .rounds_api import router as rounds_router

router = Router()
router.add_router("", rounds_router)
