"""Reading a response in tests: the text of a page, after checking the page really answered.

A test that asserts something is absent from a page passes on an error page too; reading the
page through `page_text` makes a 404 or 500 fail it instead.
"""


def page_text(response, status: int = 200) -> str:
    assert response.status_code == status, (
        f"{response.request['PATH_INFO']} answered {response.status_code}, not {status}"
    )
    return response.content.decode()
