"""``{% claims_dashboard %}``: the workbench's overview on the admin index."""

from django import template

from claims import selectors

register = template.Library()

BAR_WIDTH = 170
ROW_HEIGHT = 18


@register.inclusion_tag("admin/claims/dashboard.html", takes_context=True)
def claims_dashboard(context):
    request = context.get("request")
    if request is None or not request.user.has_perm("claims.view_claim"):
        return {"stats": None}
    stats = selectors.dashboard_stats()
    for index, bar in enumerate(stats["statuses"]):
        bar["y"] = index * ROW_HEIGHT
        bar["width"] = round(BAR_WIDTH * bar["percent"] / 100)
    stats["svg_height"] = ROW_HEIGHT * len(stats["statuses"]) + 4
    return {"stats": stats, "request": request}
