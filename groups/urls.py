from django.urls import path

from groups.views import blocks, reactions

app_name = "groups"

urlpatterns = [
    # Actions on a post by someone else (part 2): reactions and blocks.
    path("<slug:slug>/posts/<str:post_public_id>/react/", reactions.react, name="react"),
    path("<slug:slug>/posts/<str:post_public_id>/block/", blocks.block, name="block"),
]
