def canonical_url(request):
    """The page's address without its query string: filtered and paged views of a list
    name the list itself as canonical."""
    return {"canonical_url": request.build_absolute_uri(request.path)}
