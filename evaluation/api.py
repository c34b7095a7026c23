"""The evaluation app's router, mounted at /api/v1/evaluation/ (zhicheng/api.py): the pool's, the
rounds', the meeting's, the minutes' and the opinions' routers."""

from __future__ import annotations

from ninja import Router

from .appeals_api import router as appeals_router
from .meeting_api import router as meeting_router
from .minutes_api import router as minutes_router
from .opinions_api import router as opinions_router
from .pool_api import router as pool_router
from .results_api import router as results_router
from .rounds_api import router as rounds_router

router = Router()
router.add_router("", pool_router)
router.add_router("", rounds_router)
router.add_router("", meeting_router)
router.add_router("", minutes_router)
router.add_router("", opinions_router)
router.add_router("", appeals_router)
router.add_router("", results_router)
