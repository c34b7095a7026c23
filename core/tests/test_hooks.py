from core.hooks import Hook


def test_registered_functions_answer_in_order_once_each():
    hook: Hook = Hook("frozen")
    assert hook.any(1) is False and hook.first(1, default="none") == "none"

    def never(x):
        return None

    def double(x):
        return x * 2

    hook.register(never)
    hook.register(double)
    hook.register(double)
    assert list(hook) == [never, double]
    assert hook.first(3) == 6
    assert hook.any(0) is False and hook.any(1) is True
