"""The words around a term decide what it is; narrower concepts beat broader ones; purposes and services weigh less."""
from .helpers import first, headings

METAL_CUTTING = {"8456", "8457", "8458", "8459", "8460", "8461"}


def test_machine_tools_with_wood_are_woodworking_and_with_metal_are_metal_cutting():
    assert first("станки", "для обработки древесины и производства мебели") == "8465"
    assert first("Станки по дереву") == "8465"
    assert first("станки по металлу") in METAL_CUTTING
    assert first("machine tools for metal") in METAL_CUTTING


def test_a_freight_forwarder_is_logistics_and_a_forwarder_alone_is_a_forest_machine():
    assert first("Forwarder", "international freight and cargo", scheme="nace") == "52.29"
    assert first("Форвардер") == "8436"


def test_a_harvester_next_to_grain_is_a_combine():
    assert first("Харвестер для уборки зерна") == "8433"


def test_the_purpose_after_for_does_not_outrank_the_product():
    assert first("Шины для карьерных самосвалов") == "4011"


def test_training_about_machines_is_a_service_not_machines():
    assert first("Обучение операторов станков", scheme="nace") in {"85.59", "85.32"}
    assert first("Training of machine operators", scheme="nace") in {"85.59", "85.32"}


def test_equipment_named_with_a_sector_is_that_sectors_machinery():
    assert first("Оборудование для молочного завода") == "8434"
    assert first("Dairy processing equipment") == "8434"
