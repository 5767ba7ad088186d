from django.urls import path

from mentoring.views import coordinators, home, mentors, mentorships, requests

app_name = "mentoring"

urlpatterns = [
    path("", home.home, name="home"),
    # A mentee's side.
    path("ask/", requests.ask, name="ask"),
    path("ask/withdraw/", requests.withdraw, name="withdraw"),
    path("proposals/<public_id:proposal_public_id>/", requests.choose, name="choose"),
    # A mentor's side.
    path("volunteer/", mentors.volunteer, name="volunteer"),
    path("profile/", mentors.profile, name="profile"),
    path("profile/pause/", mentors.pause, name="pause"),
    path("profile/resume/", mentors.resume, name="resume"),
    path("employers/", mentors.employers, name="employers"),
    path("asked/", mentors.asked, name="asked"),
    path("asked/<public_id:proposal_public_id>/accept/", mentors.accept, name="accept"),
    path("asked/<public_id:proposal_public_id>/decline/", mentors.decline, name="decline"),
    # A mentorship.
    path("m/<public_id:mentorship_public_id>/", mentorships.mentorship_page, name="mentorship"),
    path("m/<public_id:mentorship_public_id>/end/", mentorships.end, name="end"),
    path("m/<public_id:mentorship_public_id>/block/", mentorships.block, name="block"),
    path(
        "m/<public_id:mentorship_public_id>/ask-again/",
        mentorships.ask_again,
        name="ask_again",
    ),
    # Coordinators.
    path("coordinate/", coordinators.mentors, name="coordinate_mentors"),
    path(
        "coordinate/mentors/<public_id:profile_public_id>/<str:action>/",
        coordinators.mentor_action,
        name="coordinate_mentor_action",
    ),
    path("coordinate/waiting/", coordinators.waiting, name="coordinate_waiting"),
    path("coordinate/batch/", coordinators.batch, name="coordinate_batch"),
    path("coordinate/feedback/", coordinators.feedback, name="coordinate_feedback"),
]
