"""Payloads several API test modules share."""

PONSSE = {"title": "Forest machines", "departed_company": "Ponsse", "departed_country": "FI",
          "exit_year": 2022, "region": "RU-PER", "description": "Harvesters and forwarders for logging",
          "hs_codes": ["843680"], "nace_codes": [], "est_annual_volume_usd": 40_000_000}
SIEMENS = {"title": "Промышленная автоматика", "departed_company": "Siemens", "departed_country": "DE",
           "exit_year": 2022, "region": "RU-PER", "description": "Контроллеры и приводы для станков",
           "hs_codes": ["8537"], "nace_codes": ["27.12"], "est_annual_volume_usd": 12_000_000}
