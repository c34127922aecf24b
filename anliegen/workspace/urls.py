from django.urls import path

from .views import auth, dpo, inbox, intake, search, textmodules, ticket, twofactor, whereabouts

app_name = "workspace"
urlpatterns = [
    path("anmelden/", auth.login, name="login"),
    path("abmelden/", auth.logout, name="logout"),
    path("anmelden/code/", twofactor.verify, name="otp_verify"),
    path("anmelden/einrichten/", twofactor.setup, name="otp_setup"),
    path("", inbox.inbox, name="inbox"),
    path("suche/", search.search, name="search"),
    path("filter/", inbox.save_filter, name="save_filter"),
    path("filter/<int:pk>/loeschen/", inbox.delete_filter, name="delete_filter"),
    path("sammel/", inbox.bulk, name="bulk"),
    path("anliegen/<int:pk>/", ticket.ticket_page, name="ticket"),
    path("anliegen/<int:pk>/antworten/", ticket.reply, name="reply"),
    path("anliegen/<int:pk>/verbleib/", whereabouts.whereabouts, name="whereabouts"),
    path("anliegen/<int:pk>/entwurf/", ticket.save_draft, name="draft"),
    path("anliegen/<int:pk>/<slug:name>/", ticket.ticket_action, name="action"),
    path("anhang/<int:pk>/", ticket.attachment, name="attachment"),
    path("erfassen/", intake.intake, name="intake"),
    path("erfassen/vorschlaege/", intake.suggestions, name="suggestions"),
    path("textbausteine/", textmodules.module_list, name="textmodules"),
    path("textbausteine/neu/", textmodules.module_edit, name="textmodule_new"),
    path("textbausteine/<int:pk>/", textmodules.module_edit, name="textmodule_edit"),
    path("datenschutz/protokoll/", dpo.audit_log, name="dpo_audit"),
    path("datenschutz/protokoll.csv", dpo.audit_csv, name="dpo_audit_csv"),
    path("datenschutz/person/", dpo.person, name="dpo_person"),
    path("datenschutz/person/auskunft/", dpo.person_export, name="dpo_person_export"),
    path("datenschutz/person/loeschen/", dpo.person_erase, name="dpo_person_erase"),
]
