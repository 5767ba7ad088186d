def test_home_page_renders_with_quick_exit(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert b'id="quick-exit"' in response.content
