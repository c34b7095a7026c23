"""The error body of the evaluation API (zhicheng/api.py turns a ServiceError into it), shared by
the pool's and the rounds' routers."""

from ninja import Schema


class EvaluationErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]


ERRORS = {400: EvaluationErrorOut, 403: EvaluationErrorOut, 404: EvaluationErrorOut, 409: EvaluationErrorOut}
