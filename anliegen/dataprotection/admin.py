"""Admin pages that decide need-to-know: users, memberships, deputyships, the org tree.

They live here, not in ``organization``, because they apply the four-eyes rule of
``memberships`` (which knows the catalogue and the tickets): a membership of an office under
social or tax secrecy, the data protection role, a deputyship for a member of such an office
and a move of such an office in the tree are never changed directly — they are requested as
a ``MembershipChange`` and approved by a second person. Ending a membership stays possible
at once; every change here is audited.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from anliegen.core.errors import DomainError
from anliegen.organization.models import Deputyship, Membership, OfficeHoursRule, OrgUnit, User
from anliegen.privacy.roles import DPO_GROUP

from . import memberships
from .models import MembershipChange


def _staff(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _administers(request: HttpRequest) -> bool:
    # The admin asks for permissions on its sign-in page too, without a user.
    return isinstance(request.user, User) and memberships.may_administer(request.user)


class MembershipForm(forms.ModelForm[Membership]):
    """Refuses every direct change that would give a secret office's cases to someone."""

    class Meta:
        model = Membership
        fields = ["user", "org_unit", "role"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        units = [data.get("org_unit")]
        if self.instance.pk is not None:
            units.append(self.instance.org_unit)
        if self.has_changed() and any(memberships.is_secret_office(u) for u in units):
            raise forms.ValidationError(memberships.NEEDS_SECOND_PERSON)
        return data


class _AuditedMemberships(BaseInlineFormSet[Membership, User, forms.ModelForm[Membership]]):
    request: HttpRequest

    def save(self, commit: bool = True) -> list[Membership]:
        saved = super().save(commit)
        by = _staff(self.request)
        for membership in self.deleted_objects:
            memberships.removed_directly(by, membership)
        for membership in saved:
            memberships.changed_directly(by, membership)
        return saved


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    form = MembershipForm
    formset = _AuditedMemberships
    autocomplete_fields = ["org_unit"]
    extra = 0

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        formset.request = request  # type: ignore[attr-defined]
        return formset


class StaffForm(UserChangeForm):  # type: ignore[type-arg]
    """The data protection role is given and taken through four eyes only."""

    def clean_groups(self) -> Any:
        groups = self.cleaned_data.get("groups")
        wanted = bool(groups is not None and groups.filter(name=DPO_GROUP).exists())
        had = bool(self.instance.pk and self.instance.groups.filter(name=DPO_GROUP).exists())
        if wanted != had:
            raise forms.ValidationError(
                _(
                    "Die Rolle Datenschutz vergibt und entzieht nur eine zweite Person: "
                    "bitte unter Datenschutz → Mitgliedschaftsänderungen beantragen."
                )
            )
        return groups


@admin.register(User)
class StaffAdmin(UserAdmin):  # type: ignore[type-arg]
    form = StaffForm
    inlines = [MembershipInline]


class OfficeHoursInline(admin.TabularInline[OfficeHoursRule, OrgUnit]):
    model = OfficeHoursRule
    extra = 0


class OrgUnitForm(forms.ModelForm[OrgUnit]):
    """Moving an office that holds secret cases would give them to its new parents' members."""

    class Meta:
        model = OrgUnit
        fields = [
            "key", "name", "short_name", "kgst_number", "external_id", "kind", "parent",
            "is_external", "is_triage_desk", "email", "phone", "address", "opening_hours",
            "description", "is_active",
        ]  # fmt: skip

    def clean_parent(self) -> OrgUnit | None:
        parent: OrgUnit | None = self.cleaned_data.get("parent")
        unit = self.instance
        if unit.pk is not None and parent != unit.parent and memberships.holds_secrets(unit):
            raise forms.ValidationError(
                _(
                    "Diese Stelle (oder eine darunter) unterliegt dem Sozial- oder "
                    "Steuergeheimnis; sie wird nicht im Verwaltungsaufbau verschoben, damit "
                    "ihre Fälle nicht ohne zweite Person an andere Stellen gehen."
                )
            )
        return parent


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin[OrgUnit]):
    form = OrgUnitForm
    list_display = ["name", "short_name", "kgst_number", "kind", "parent", "is_external"]
    list_filter = ["kind", "is_external", "is_triage_desk", "is_active"]
    search_fields = ["name", "short_name", "kgst_number", "key", "external_id"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    prepopulated_fields = {"key": ["name"]}
    inlines = [OfficeHoursInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    form = MembershipForm
    list_display = ["user", "org_unit", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "org_unit__name"]
    autocomplete_fields = ["user", "org_unit"]
    list_select_related = ["user", "org_unit"]

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        memberships.changed_directly(_staff(request), obj)

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        memberships.removed_directly(_staff(request), obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        for membership in queryset.select_related("user", "org_unit"):
            memberships.removed_directly(_staff(request), membership)
        super().delete_queryset(request, queryset)


class DeputyshipForm(forms.ModelForm[Deputyship]):
    """A deputy works with all offices of the principal: for a member of a secret office
    that is a membership by another name, so it needs four eyes too."""

    class Meta:
        model = Deputyship
        fields = ["principal", "deputy", "starts_on", "ends_on"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        principals = [data.get("principal")]
        if self.instance.pk is not None:
            principals.append(self.instance.principal)
        secret = memberships.secret_office_ids()
        for principal in filter(None, principals):
            units = set(principal.memberships.values_list("org_unit_id", flat=True))
            if self.has_changed() and units & secret:
                raise forms.ValidationError(memberships.NEEDS_SECOND_PERSON)
        return data


@admin.register(Deputyship)
class DeputyshipAdmin(admin.ModelAdmin[Deputyship]):
    form = DeputyshipForm
    list_display = ["principal", "deputy", "starts_on", "ends_on"]
    autocomplete_fields = ["principal", "deputy"]


class MembershipChangeForm(forms.ModelForm[MembershipChange]):
    class Meta:
        model = MembershipChange
        fields = ["user", "org_unit", "role", "operation", "reason"]


def _decide(
    modeladmin: admin.ModelAdmin[MembershipChange],
    request: HttpRequest,
    changes: QuerySet[MembershipChange],
    decide: Any,
) -> None:
    for change in changes:
        try:
            decide(change, _staff(request))
        except DomainError as error:
            modeladmin.message_user(request, f"{change}: {error.message}", messages.ERROR)
        else:
            modeladmin.message_user(request, f"{change}: {change.get_state_display()}")


@admin.action(description=_("Genehmigen (zweite Person)"))
def approve(
    modeladmin: admin.ModelAdmin[MembershipChange],
    request: HttpRequest,
    changes: QuerySet[MembershipChange],
) -> None:
    _decide(modeladmin, request, changes, memberships.approve)


@admin.action(description=_("Ablehnen / zurückziehen"))
def reject(
    modeladmin: admin.ModelAdmin[MembershipChange],
    request: HttpRequest,
    changes: QuerySet[MembershipChange],
) -> None:
    _decide(modeladmin, request, changes, memberships.reject)


@admin.register(MembershipChange)
class MembershipChangeAdmin(admin.ModelAdmin[MembershipChange]):
    """Requests are added here and decided by a second person with the list's actions."""

    form = MembershipChangeForm
    list_display = [
        "requested_at", "user", "org_unit", "operation", "role", "requested_by", "state",
        "decided_by",
    ]  # fmt: skip
    list_filter = ["state", "operation"]
    autocomplete_fields = ["user", "org_unit"]
    actions = [approve, reject]

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _administers(request)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return _administers(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _administers(request)

    def save_model(
        self, request: HttpRequest, obj: MembershipChange, form: Any, change: bool
    ) -> None:
        # The request goes through the action (validation and audit); the admin's own
        # save would skip both.
        created = memberships.request_change(
            _staff(request),
            user=obj.user,
            org_unit=obj.org_unit,
            operation=obj.operation,
            role=obj.role,
            reason=obj.reason,
        )
        obj.pk = created.pk
        obj.requested_at = created.requested_at
