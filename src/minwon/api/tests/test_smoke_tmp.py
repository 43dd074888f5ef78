import json

from minwon.api.tests.conftest import complaint_payload


def test_smoke(client, tokens):
    r = client.post(
        "/api/complaints",
        data=json.dumps(complaint_payload()),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k1",
        **tokens.app.headers,
    )
    print(r.status_code, r.json())
    r2 = client.post(
        "/api/complaints",
        data=json.dumps(complaint_payload()),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k1",
        **tokens.app.headers,
    )
    print(r2.status_code, r2.json(), r2.headers.get("Idempotent-Replayed"))
    r3 = client.post(
        "/api/complaints",
        data=json.dumps(complaint_payload(title="x")),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k1",
        **tokens.app.headers,
    )
    print(r3.status_code, r3.json())
    no = r.json()["tracking_no"]
    print(client.get(f"/api/complaints/{no}", **tokens.app.headers).json())
    print(client.get(f"/api/complaints/{no}", **tokens.readonly.headers).status_code)
    print(client.get("/api/complaints?status=all", **tokens.desk.headers).json())
    print(client.get("/api/complaints?due_within=abc", **tokens.desk.headers).json())
    print(client.get("/api/complaints", **tokens.app.headers).json())
    print(client.get("/api/complaints?page=0", **tokens.roads.headers).json())
    print(client.get("/api/complaints").json())
    print(client.get("/api/openapi.json").status_code)
    print(client.get("/api/docs").status_code)
