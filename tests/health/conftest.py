from tests.disclosure.conftest import org, subject, tree  # noqa: F401  (shared tree fixtures)
