"""schema.org JSON-LD for people and organizations, for search engines."""


def link(obj, request):
    return request.build_absolute_uri(obj.get_absolute_url())


def person_data(person, positions, request):
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.full_name,
        "givenName": person.given_name,
        "familyName": person.family_name,
        "url": link(person, request),
    }
    if person.honorific:
        data["honorificPrefix"] = person.honorific
    other_names = [other.name for other in person.other_names.all()]
    if other_names:
        data["alternateName"] = other_names
    if person.country:
        data["affiliation"] = {"@type": "Country", "name": person.country.name}
    current = [p for p in positions if p.end_date is None]
    if current:
        data["jobTitle"] = current[0].title
        data["worksFor"] = {
            "@type": "Organization",
            "name": current[0].organization.name,
            "url": link(current[0].organization, request),
        }
    return data


def organization_data(organization, show_parent, request):
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organization.name,
        "url": link(organization, request),
    }
    if organization.acronym:
        data["alternateName"] = organization.acronym
    if organization.website:
        data["sameAs"] = organization.website
    if show_parent:
        data["parentOrganization"] = {
            "@type": "Organization",
            "name": organization.parent.name,
            "url": link(organization.parent, request),
        }
    return data
