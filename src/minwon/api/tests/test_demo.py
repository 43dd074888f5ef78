"""The demo's published tokens work and seeding them twice adds nothing."""

from minwon.api.demo import DEMO_APP_TOKEN, seed_machine_demo


def test_demo_tokens_are_seeded_once_and_work(client, city):
    assert seed_machine_demo()["api_tokens"] == 2
    assert seed_machine_demo()["api_tokens"] == 0
    r = client.get("/api/categories", HTTP_AUTHORIZATION=f"Bearer {DEMO_APP_TOKEN}")
    assert r.status_code == 200 and {c["code"] for c in r.json()} >= {"streetlight", "park"}
