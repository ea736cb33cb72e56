"""Names `vulture` cannot see used (`make lint`: vulture desktop packaging vulture_whitelist.py).

Each group says who calls them. Anything else vulture reports is dead: remove it, or, if
something outside the package really calls it, add it here with the caller named.
min-confidence 60 (vulture's default): unused functions, methods, attributes and classes
are reported at 60 %; at 80 % and above only unused imports and arguments remain, which
ruff already catches.
"""

# ruff: noqa: B018, F821
# (bare names are how vulture whitelists are written; `_` stands for any object)

# Qt calls these overrides and slots, never our code.
_.paintEvent
_.dragEnterEvent
_.dropEvent
_.contextMenuEvent
_.insertFromMimeData
_.canInsertFromMimeData
_.loadResource
_.highlightBlock
_.headerData
_.supportedDropActions  # the board's list model: Qt's drag and drop asks these
_.supportedDragActions
_.mimeTypes
_.canDropMimeData
_.dropMimeData
_.prepare_for_sleep  # a D-Bus slot named by SLOT("prepare_for_sleep(bool)")

# Kept only so Qt does not collect them while they work (a highlighter, a PDF's buffer).
_.highlighter
_._buffer

# The standard library and SQLAlchemy call these.
_.handle_starttag  # html.parser.HTMLParser
_.handle_endtag
_.handle_data
_.handleError  # logging.Handler
_.formatTime  # logging.Formatter
datefmt
_on_connect  # @event.listens_for(engine, "connect")
_on_begin  # @event.listens_for(engine, "begin")
impl  # TypeDecorator
cache_ok
_.process_bind_param
_.process_result_value
created_at  # columns written by the database default, read by exports and tests
NotificationLog  # a mapped table: Alembic and the tray's plain-SQL log use it
intercepted_binops  # jinja2.sandbox.SandboxedEnvironment
_.wrap_str_format
_.call_binop

# packaging/afterword.spec (run by PyInstaller, not imported) calls these.
without_orphans
smaller_icu_data

# A dataclass field read by callers and tests (`Urgency.reminded`, `.due_in`).
reminded
due_in

# What the tests drive or read, as a person would through the UI or the tray: public
# seams, not dead code (tests/ui/test_card_preview.py, tests/tray/, tests/compose/...).
_.set_size
_.set_paper
set_paper  # desktop.cards.printing: a page size on a real printer (test_card_preview)
_.set_envelope_size
_.bullets
_.restore_action
_.backup_notice
_.next_wake_ms
_.due_actions
_.is_listening
format_address
apply_reconciliation
CHECK_IN_KINDS
database_ready
script_revisions
due_followups  # warmed by tests/benchmarks/window_start.py

# The words module is being reorganised in parallel (issue 18, part B); left to it.
FOLLOWUP_STATUS_WORDS

# Alembic reads these from each migration script, and passes parent_names to include_name.
down_revision
branch_labels
depends_on
downgrade
parent_names

# The translation seam (core/i18n.py): what a translation installs at start-up, exercised
# by tests/core/test_i18n.py until the first catalogue ships.
DOMAIN
use_translations

# The commands, found by name when they run (desktop/cli/main.py COMMANDS), so the window
# never imports them.
cmd_import
cmd_export
cmd_backup
cmd_restore
cmd_demo
cmd_followup
cmd_proofread
cmd_card
cmd_print
cmd_outbox
cmd_due
cmd_tray
