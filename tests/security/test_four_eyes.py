"""Issue 19, finding 5: an administrator cannot give themself the cases of a secret office.

Memberships of offices under social or tax secrecy (and the data protection role) change
only when a second person approves a requested change; the admin refuses direct changes,
and requests, approvals and rejections are audited.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from anliegen.core.errors import PermissionDenied
from anliegen.dataprotection import memberships
from anliegen.dataprotection.models import MembershipChange
from anliegen.organization.models import Deputyship, Membership, User
from anliegen.privacy.models import AuditEvent
from anliegen.privacy.roles import DPO_GROUP, is_dpo
from tests.conftest import City


@pytest.fixture
def dpo(city: City) -> User:
    user = User.objects.create_user("dsb", password="Test-Passwort-123", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=DPO_GROUP)[0])
    return user


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_social_office_is_secret_and_others_are_not(city: City) -> None:
    assert memberships.is_secret_office(city.sozialamt)
    assert not memberships.is_secret_office(city.ordnungsamt)
    assert not memberships.is_secret_office(city.tiefbau)


def test_superuser_cannot_add_themself_to_the_social_office(city: City) -> None:
    response = _client(city.admin).post(
        "/admin/organization/membership/add/",
        {"user": city.admin.pk, "org_unit": city.sozialamt.pk, "role": "clerk"},
    )
    assert response.status_code == 200  # the form again, with the error
    assert "zweiten Person" in response.content.decode()
    assert not Membership.objects.filter(user=city.admin, org_unit=city.sozialamt).exists()


def test_superuser_cannot_add_it_on_the_user_page_either(city: City) -> None:
    admin = city.admin
    data: dict[str, Any] = {
        "username": admin.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "01.01.2026",
        "date_joined_1": "00:00:00",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-org_unit": city.sozialamt.pk,
        "memberships-0-role": "clerk",
        "memberships-0-user": admin.pk,
    }
    response = _client(admin).post(f"/admin/organization/user/{admin.pk}/change/", data)
    assert response.status_code == 200
    assert "zweiten Person" in response.content.decode()
    assert not Membership.objects.filter(user=admin, org_unit=city.sozialamt).exists()


def test_offices_without_secrecy_are_changed_directly_and_audited(city: City) -> None:
    response = _client(city.admin).post(
        "/admin/organization/membership/add/",
        {"user": city.admin.pk, "org_unit": city.tiefbau.pk, "role": "clerk"},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=city.admin, org_unit=city.tiefbau).exists()
    assert AuditEvent.objects.filter(action="membership.changed", actor=city.admin).exists()


def test_a_request_needs_a_second_person(city: City, dpo: User) -> None:
    client = _client(city.admin)
    response = client.post(
        "/admin/dataprotection/membershipchange/add/",
        {
            "user": city.admin.pk,
            "org_unit": city.sozialamt.pk,
            "role": "clerk",
            "operation": "add",
            "reason": "Urlaubsvertretung Sachgebiet Wohngeld",
        },
    )
    assert response.status_code == 302
    change = MembershipChange.objects.get()
    assert change.state == MembershipChange.State.PENDING
    assert not Membership.objects.filter(user=city.admin, org_unit=city.sozialamt).exists()
    # The requester approving their own request changes nothing.
    client.post(
        "/admin/dataprotection/membershipchange/",
        {"action": "approve", "_selected_action": [change.pk]},
    )
    change.refresh_from_db()
    assert change.state == MembershipChange.State.PENDING
    assert not Membership.objects.filter(user=city.admin, org_unit=city.sozialamt).exists()
    # The data protection officer approves: now it holds, and all of it is in the log.
    _client(dpo).post(
        "/admin/dataprotection/membershipchange/",
        {"action": "approve", "_selected_action": [change.pk]},
    )
    change.refresh_from_db()
    assert change.state == MembershipChange.State.APPROVED
    assert change.decided_by == dpo
    assert Membership.objects.filter(user=city.admin, org_unit=city.sozialamt).exists()
    requested = AuditEvent.objects.get(action="membership.requested")
    approved = AuditEvent.objects.get(action="membership.approved")
    assert requested.actor == city.admin and approved.actor == dpo
    assert approved.detail["org_unit"] == "sozialamt"
    assert approved.detail["user"] == city.admin.username


def test_nobody_approves_their_own_membership(city: City, dpo: User) -> None:
    other_admin = User.objects.create_user("admin2", is_superuser=True, is_staff=True)
    change = memberships.request_change(
        dpo, user=other_admin, org_unit=city.sozialamt, reason="Prüfung"
    )
    with pytest.raises(PermissionDenied):
        memberships.approve(change, other_admin)
    with pytest.raises(PermissionDenied):
        memberships.approve(change, dpo)
    with pytest.raises(PermissionDenied):
        memberships.approve(change, city.clerk_sozial)  # not an administrator
    memberships.approve(change, city.admin)
    assert Membership.objects.filter(user=other_admin, org_unit=city.sozialamt).exists()


def test_rejected_requests_change_nothing_and_are_audited(city: City, dpo: User) -> None:
    change = memberships.request_change(
        city.admin, user=city.admin, org_unit=city.sozialamt, reason="Neugier"
    )
    memberships.reject(change, dpo)
    assert not Membership.objects.filter(user=city.admin, org_unit=city.sozialamt).exists()
    assert AuditEvent.objects.filter(action="membership.rejected", actor=dpo).exists()


def test_the_data_protection_role_also_needs_four_eyes(city: City, dpo: User) -> None:
    admin = city.admin
    data: dict[str, Any] = {
        "username": admin.username,
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "groups": [Group.objects.get(name=DPO_GROUP).pk],
        "date_joined_0": "01.01.2026",
        "date_joined_1": "00:00:00",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    response = _client(admin).post(f"/admin/organization/user/{admin.pk}/change/", data)
    assert response.status_code == 200
    assert "Die Rolle Datenschutz vergibt und entzieht nur eine zweite Person" in (
        response.content.decode()
    )
    assert not is_dpo(admin)
    change = memberships.request_change(admin, user=admin, org_unit=None, reason="Vertretung")
    memberships.approve(change, dpo)
    assert is_dpo(admin)


def test_no_detour_through_a_deputyship_or_the_org_tree(city: City) -> None:
    client = _client(city.admin)
    response = client.post(
        "/admin/organization/deputyship/add/",
        {"principal": city.clerk_sozial.pk, "deputy": city.admin.pk, "starts_on": "01.01.2026"},
    )
    assert response.status_code == 200
    assert "zweiten Person" in response.content.decode()
    assert not Deputyship.objects.exists()
    Membership.objects.create(user=city.admin, org_unit=city.tiefbau)
    unit = city.sozialamt
    response = client.post(
        f"/admin/organization/orgunit/{unit.pk}/change/",
        {
            "key": unit.key,
            "name": unit.name,
            "kgst_number": unit.kgst_number,
            "kind": unit.kind,
            "parent": city.tiefbau.pk,
            "is_active": "on",
            "office_hours-TOTAL_FORMS": "0",
            "office_hours-INITIAL_FORMS": "0",
            "office_hours-MIN_NUM_FORMS": "0",
            "office_hours-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "nicht im Verwaltungsaufbau verschoben" in response.content.decode()
    unit.refresh_from_db()
    assert unit.parent is None


def test_ending_a_membership_stays_possible_at_once_and_is_audited(city: City) -> None:
    membership = Membership.objects.get(user=city.clerk_sozial, org_unit=city.sozialamt)
    response = _client(city.admin).post(
        f"/admin/organization/membership/{membership.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    removed = AuditEvent.objects.get(action="membership.removed")
    assert removed.detail == {"user": "clerk.sozial", "org_unit": "sozialamt", "role": "clerk"}
