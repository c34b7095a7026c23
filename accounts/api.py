from ninja import Router

router = Router(tags=["账号"])
me_router = Router(tags=["账号"])
