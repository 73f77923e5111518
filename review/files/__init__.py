"""Files belong to departments (docs/security.md §1).

- `collections`: each department's document/image collection, its groups' permissions on it,
  and sorting files into it (also the body of migration review 0002).
- `usage`: which files a live page links, from Wagtail's reference index.
- `policy`, `forms`: no deleting, replacing or renaming a file a live page uses, except by a
  站点管理员.
- `views`: a document nobody live links answers 404 to the public; /media/documents/ is never
  served by Django.
"""
