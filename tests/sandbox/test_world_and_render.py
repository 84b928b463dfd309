"""The sandbox's permission arithmetic, mention rules, message limits and plain-text rendering."""

from __future__ import annotations

import pytest

from bot.sandbox import Sandbox, render_message
from bot.sandbox import world as w
from bot.sandbox.records import pings
from bot.sandbox.validate import validate_message


@pytest.fixture
def world() -> w.World:
    return w.default_world()


def test_default_permissions(world):
    guild = world.guild()
    general = world.channel("general").id
    alice, admin, owner = (world.user(n).id for n in ("alice", "admin", "owner"))
    assert guild.permissions_in(alice, general) == w.DEFAULT_EVERYONE
    assert guild.permissions_in(admin, general) == w.DEFAULT_EVERYONE | w.MANAGE_GUILD | w.MANAGE_MESSAGES
    assert guild.permissions_in(owner, general) == w.ALL_PERMISSIONS
    assert not guild.permissions_in(alice, general) & w.MANAGE_MESSAGES


def test_overwrites_apply_everyone_then_roles_then_member(world):
    guild = world.guild()
    trivia = world.channel("trivia").id
    world.add_role(guild, "Quizzer")
    world.give_role(guild, "alice", "Quizzer")
    world.set_overwrite("trivia", "@everyone", deny=w.SEND_MESSAGES | w.ADD_REACTIONS)
    world.set_overwrite("trivia", "Quizzer", allow=w.SEND_MESSAGES)
    alice, bob = world.user("alice").id, world.user("bob").id
    assert guild.permissions_in(bob, trivia) & (w.SEND_MESSAGES | w.ADD_REACTIONS) == 0
    assert guild.permissions_in(alice, trivia) & (w.SEND_MESSAGES | w.ADD_REACTIONS) == w.SEND_MESSAGES
    world.set_overwrite("trivia", "alice", deny=w.SEND_MESSAGES)  # a member overwrite wins over roles
    assert not guild.permissions_in(alice, trivia) & w.SEND_MESSAGES
    world.set_overwrite("trivia", "@everyone", deny=w.VIEW_CHANNEL)  # no view: nothing at all
    assert guild.permissions_in(bob, trivia) == 0


def test_administrator_ignores_overwrites(world):
    guild = world.guild()
    world.add_role(guild, "Admins", permissions=w.ADMINISTRATOR)
    world.give_role(guild, "carol", "Admins")
    world.set_overwrite("general", "carol", deny=w.VIEW_CHANNEL)
    assert guild.permissions_in(world.user("carol").id, world.channel("general").id) == w.ALL_PERMISSIONS


def test_interaction_member_payload_carries_channel_permissions(world):
    world.set_overwrite("trivia", "Manager", deny=w.MANAGE_MESSAGES)
    guild = world.guild()
    payload = world.member_payload(guild, world.user("admin").id, world.channel("trivia").id)
    assert int(payload["permissions"]) == w.DEFAULT_EVERYONE | w.MANAGE_GUILD
    assert payload["roles"] == [str(world.role(guild, "Manager").id)]


def test_unknown_names_are_reported(world):
    with pytest.raises(w.WorldError, match="no user 'zoe'"):
        world.user("zoe")
    with pytest.raises(w.WorldError, match="no channel 'random'"):
        world.channel("random")


def test_pings():
    assert pings("@everyone <@1> <@&2>", None) == {"everyone": True, "users": [1], "roles": [2]}
    assert pings("@everyone <@1> <@&2>", {"parse": []}) == {"everyone": False, "users": [], "roles": []}
    assert pings("@here <@1> <@3>", {"parse": [], "users": ["3"]}) == {"everyone": False, "users": [3], "roles": []}
    assert pings("hi", {"parse": [], "replied_user": True}, reply_to_author=9)["users"] == [9]


def test_validate_message():
    assert validate_message({"content": "ok"}) == {}
    assert validate_message({"content": ""})["_errors"][0]["code"] == "MESSAGE_EMPTY"
    assert validate_message({"content": ""}, edit=True) == {}
    assert list(validate_message({"content": "x" * 2001})) == ["content"]
    errors = validate_message({"embeds": [{"title": "t", "fields": [{"name": "n", "value": "v" * 1025}]}]})
    assert errors["embeds"]["0"]["fields"]["0"]["value"]["_errors"][0]["code"] == "BASE_TYPE_MAX_LENGTH"


def test_render_message_with_numbered_buttons():
    message = {
        "content": "Question 1",
        "embeds": [{"title": "Trivia", "description": "Who plays Danko?", "author": {"name": "Quiz"},
                    "fields": [{"name": "Points", "value": "3"}], "footer": {"text": "20 s left"}}],
        "components": [
            {"type": 1, "components": [{"type": 2, "label": "A", "custom_id": "a"},
                                       {"type": 2, "label": "B", "custom_id": "b", "disabled": True}]},
            {"type": 1, "components": [{"type": 2, "emoji": {"name": "⏭"}, "custom_id": "skip"}]},
        ],
    }
    assert render_message(message, number_buttons=True) == (
        "Question 1\nQuiz\n**Trivia**\nWho plays Danko?\nPoints: 3\n-- 20 s left\n"
        "[1. A] [2. B (disabled)]\n[3. ⏭]"
    )
    assert render_message({"components": [{"type": 17, "components": [{"type": 10, "content": "Hello"}]}]}) == "Hello"


def test_sandbox_listens_on_loopback_only():
    with pytest.raises(ValueError, match="only listens on loopback"):
        Sandbox(host="0.0.0.0")
