import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.deletion import delete_account
from accounts.forms import DeleteAccountForm, NameForm
from accounts.personal_data import deletion_notices, export_personal_data
from omzien.typing import AuthenticatedHttpRequest


@login_required
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = NameForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your name is saved."))
        return redirect("accounts:overview")
    data = export_personal_data(request.user)
    return render(request, "accounts/account_overview.html", {"form": form, "data": data})


@login_required
def export(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = export_personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    filename = f"omzien-my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_account(user, answers=request.POST)
        messages.success(request, _("Your account and your data have been deleted."))
        return redirect("home")
    context = {"form": form, "notices": deletion_notices(request.user)}
    return render(request, "accounts/account_delete.html", context)
