"""`flask match ID` prints a company's partners and the reasons, in the company's language."""


def test_match_command_prints_partners_with_reasons_in_russian(app, create_company):
    supplier = create_company()
    create_company(name="Пермский машиностроительный завод (тест)", country="RU", region="RU-PER",
                   roles=["buyer"], offers=[], needs=[{
                       "title": "Обрабатывающие центры с ЧПУ", "hs_codes": ["8457"],
                       "annual_volume_usd": 3_000_000}])
    result = app.test_cli_runner().invoke(args=["match", str(supplier.id), "--limit", "5"])
    assert result.exit_code == 0, result.output
    assert "Лучшие партнёры" in result.output
    assert "Пермский машиностроительный завод (тест)" in result.output
    assert "hs_codes" in result.output
    assert "обрабатывающие центры" in result.output  # the reasons too are in Russian


def test_match_command_speaks_english_to_an_english_only_company(app, create_company):
    supplier = create_company(languages=["en"])
    result = app.test_cli_runner().invoke(args=["match", str(supplier.id)])
    assert result.exit_code == 0 and "Best partners" in result.output


def test_match_command_refuses_a_side_the_company_does_not_have(app, create_company):
    supplier = create_company()
    result = app.test_cli_runner().invoke(args=["match", str(supplier.id), "--as", "buyer"])
    assert result.exit_code != 0 and "not a buyer" in result.output


def test_match_command_says_so_for_an_unknown_company(app):
    result = app.test_cli_runner().invoke(args=["match", "999999"])
    assert result.exit_code != 0 and "No company" in result.output
