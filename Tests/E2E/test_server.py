"""The server process itself: health, clean stop."""
import requests


def test_healthz_answers_ok(server):
    response = requests.get(server.url + "/healthz", timeout=5)
    assert response.status_code == 200
    assert response.text.strip() == "ok"
