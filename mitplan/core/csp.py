"""Content-Security-Policy for the whole site.

Public pages get the strict policy from settings (nothing inline, nothing from
another host). The Wagtail admin is used by signed-in staff only and still relies
on inline styles and scripts, so it gets a policy that allows those, but still no
other host.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIXES = ("/admin/", "/api/v1/docs")
ADMIN_POLICY = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if request.path_info.startswith(ADMIN_PREFIXES):
            response._csp_update = ADMIN_POLICY
        return super().process_response(request, response)
