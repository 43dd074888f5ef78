"""API errors: a stable machine `code` for programs and a Korean `message` for people."""

from __future__ import annotations


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, *, errors: dict | None = None, headers=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors or {}
        self.headers = headers or {}

    def body(self) -> dict:
        return {"code": self.code, "message": self.message, "errors": self.errors}


def unauthorized() -> ApiError:
    return ApiError(
        401,
        "unauthorized",
        "API 토큰이 없거나 올바르지 않습니다. 'Authorization: Bearer <토큰>' 헤더를 보내 주십시오.",
    )


def forbidden(message: str = "이 토큰으로는 할 수 없는 요청입니다.", code: str = "forbidden") -> ApiError:
    return ApiError(403, code, message)


def not_found() -> ApiError:
    return ApiError(404, "not_found", "민원을 찾을 수 없습니다.")


def missing_scope(scope: str) -> ApiError:
    return ApiError(403, "missing_scope", f"이 토큰에는 '{scope}' 권한이 없습니다.")
