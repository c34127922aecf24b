from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Deputyship, Membership, OfficeHoursRule, OrgUnit, User


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    autocomplete_fields = ["org_unit"]
    extra = 0


class OfficeHoursInline(admin.TabularInline[OfficeHoursRule, OrgUnit]):
    model = OfficeHoursRule
    extra = 0


@admin.register(User)
class StaffAdmin(UserAdmin):  # type: ignore[type-arg]
    inlines = [MembershipInline]


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin[OrgUnit]):
    list_display = ["name", "short_name", "kgst_number", "kind", "parent", "is_external"]
    list_filter = ["kind", "is_external", "is_triage_desk", "is_active"]
    search_fields = ["name", "short_name", "kgst_number", "key", "external_id"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    prepopulated_fields = {"key": ["name"]}
    inlines = [OfficeHoursInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "org_unit", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "org_unit__name"]
    autocomplete_fields = ["user", "org_unit"]
    list_select_related = ["user", "org_unit"]


@admin.register(Deputyship)
class DeputyshipAdmin(admin.ModelAdmin[Deputyship]):
    list_display = ["principal", "deputy", "starts_on", "ends_on"]
    autocomplete_fields = ["principal", "deputy"]
