"""The header's link to the coordinators' work overview.

{% load work_queues %}
{% if user|has_work_queues %}…{% endif %}
"""

from django import template

from omzien import work_queues

register = template.Library()


@register.filter
def has_work_queues(user: work_queues.Person) -> bool:
    return work_queues.has_work_queues(user)
