"""The graph explorer: a sigma.js page that stays fast at 50,000 entities.

:mod:`kg.explore.layout` computes positions in Python (community-first), so the
browser only draws; :mod:`kg.explore.data` turns an entity graph into the page's
columnar JSON; :mod:`kg.explore.page` writes the page (static for ``kg render`` of a
large graph, served for ``kg serve``); :mod:`kg.explore.routes` is the JSON API that
``kg serve`` mounts at ``/explore``, reading neighbourhoods from the store on demand.
"""
