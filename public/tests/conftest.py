from catalog.tests.loaded import catalog_fixture

catalog_data = catalog_fixture()
