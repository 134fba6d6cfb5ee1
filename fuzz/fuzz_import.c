/* libFuzzer: an import without a database, on any bytes. The first byte
 * picks the kind (accounts, contacts, responses, plays), the layout (recognised,
 * or one given), whether a map entry is added, and whether the rest is a
 * CSV or our book file (YAML); the rest is the file. Every record goes
 * through layout recognition and row conversion (import.h) as the importer
 * drives them, and each result must keep the layer's promises: a header
 * refused with a reason; a converted record whose text is valid UTF-8,
 * whose dates are real days written YYYY-MM-DD, whose score is 0..10 and
 * amounts 0..10^15, with the line it was given; a bad or skipped row with
 * a reason; nothing read past the cells it was handed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/bookfile.h"
#include "acctplan/csv.h"
#include "acctplan/date.h"
#include "acctplan/import.h"
#include "acctplan/plays.h"
#include "acctplan/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TODAY 20777 /* 2026-11-20 */

static const enum import_field date_fields[] = {
	IF_RESPONDED_ON, IF_WON_ON,          IF_OPENED_ON, IF_RESOLVED_ON,
	IF_REPORTED_ON,  IF_NEXT_CONTACT_ON, IF_MET_ON,    IF_WINBACK_DROPPED_ON,
	IF_ASKED_ON,     IF_OUTCOME_ON,      IF_DUE,
};

static void check_rec(const struct import_rec *r, long line)
{
	size_t i;
	int f, day;

	if (r->line != line)
		abort();
	for (f = 0; f < IF_COUNT; f++) {
		const char *t = r->text[f];

		if (!import_has(r, f)) /* a field not given has nothing */
			continue;
		if (import_null(r, f) && t)
			abort();
		if (t && !utf8_valid(t, strlen(t)))
			abort();
	}
	for (i = 0; i < sizeof(date_fields) / sizeof(*date_fields); i++) {
		enum import_field f2 = date_fields[i];
		char back[DATE_LEN];

		if (!import_value(r, f2))
			continue;
		if (!date_parse(r->text[f2], &day) || day != r->num[f2])
			abort();
		date_format(day, back);
		if (strcmp(back, r->text[f2]) != 0)
			abort();
	}
	if (import_value(r, IF_SCORE) && (r->num[IF_SCORE] < 0 || r->num[IF_SCORE] > 10))
		abort();
	if (r->kind == IMPORT_RESPONSES &&
	    (!import_value(r, IF_SCORE) || !import_value(r, IF_RESPONDED_ON) ||
	     r->num[IF_RESPONDED_ON] > TODAY))
		abort();
	if (import_value(r, IF_REVENUE) &&
	    (r->num[IF_REVENUE] < 0 || r->num[IF_REVENUE] > 1000000000000000LL))
		abort();
	if (import_value(r, IF_WALLET) &&
	    (r->num[IF_WALLET] < 0 || r->num[IF_WALLET] > 1000000000000000LL))
		abort();
	if (import_value(r, IF_ID) && r->num[IF_ID] <= 0)
		abort();
	if (r->kind == IMPORT_ACCOUNTS && import_has(r, IF_NAME) && !*r->text[IF_NAME])
		abort(); /* validate_account refuses a blank name */
	if (r->kind == IMPORT_PLAYS && (!import_value(r, IF_PLAY) || !*r->text[IF_PLAY] ||
					(import_value(r, IF_KIND) && r->num[IF_KIND] != PLAY_CRM)))
		abort(); /* a play has a name; the rules' plays are skipped */
}

static void check_reason(const struct import *im)
{
	const char *why = import_reason(im);

	if (!*why || strlen(why) >= 400)
		abort();
}

static void run_csv(enum import_kind kind, int layout, bool map, const uint8_t *data, size_t size)
{
	struct csv_options opt = {.block = 64};
	struct csv_reader *csv = csv_open_mem(data, size, &opt);
	struct import *im = import_new(kind, layout, TODAY);
	struct csv_record cr;
	struct import_rec rec;
	enum import_header_result hr;
	enum csv_next nx;
	const char **cells = NULL;
	size_t i;
	bool header = true;

	static const char *const mapped[IMPORT_KIND_COUNT] = {
		[IMPORT_ACCOUNTS] = "wallet",
		[IMPORT_CONTACTS] = "title",
		[IMPORT_RESPONSES] = "account",
		[IMPORT_PLAYS] = "due",
	};

	if (map && import_map(im, mapped[kind], "Spend", "fuzz.yaml:1:1") != STATUS_OK)
		abort();
	while ((nx = csv_next(csv, &cr)) == CSV_RECORD || nx == CSV_BAD) {
		if (nx == CSV_BAD)
			continue;
		cells = realloc(cells, cr.nfields * sizeof(*cells));
		for (i = 0; i < cr.nfields; i++)
			cells[i] = cr.fields[i].s;
		if (header) {
			enum status st = import_header(im, cells, cr.nfields, &hr);

			if (st != STATUS_OK) {
				if (st != STATUS_BAD_INPUT && st != STATUS_USAGE)
					abort();
				break;
			}
			if (import_layout(im) >= LAYOUT_BOOK)
				abort();
			if (hr == IMPORT_HEADER_MORE)
				continue;
			header = false;
			if (hr == IMPORT_HEADER_DONE)
				continue;
		}
		switch (import_row(im, cells, cr.nfields, cr.line, &rec)) {
		case IMPORT_ROW_OK:
			check_rec(&rec, cr.line);
			break;
		case IMPORT_ROW_SKIP:
			if (import_layout(im) != LAYOUT_QUALTRICS && kind != IMPORT_PLAYS)
				abort();
			check_reason(im);
			break;
		case IMPORT_ROW_BAD:
			check_reason(im);
			break;
		default:
			abort();
		}
	}
	free(cells);
	import_free(im);
	csv_free(csv);
}

struct book {
	struct import *im[IMPORT_KIND_COUNT];
};

static enum status book_record(const struct bookfile_record *br, void *ctx)
{
	struct book *b = ctx;
	int k = import_kind_from_name(br->section);
	struct import_rec rec;
	size_t i;

	if (br->line < 1)
		abort();
	for (i = 0; i < br->n; i++)
		if (!br->keys[i])
			abort();
	if (k < 0)
		return STATUS_OK;
	if (!b->im[k])
		b->im[k] = import_new((enum import_kind)k, LAYOUT_BOOK, TODAY);
	switch (import_fields(b->im[k], br->keys, br->values, br->n, br->line, &rec)) {
	case IMPORT_ROW_OK:
		check_rec(&rec, br->line);
		break;
	case IMPORT_ROW_BAD:
		check_reason(b->im[k]);
		break;
	default:
		abort(); /* the book skips nothing */
	}
	return STATUS_OK;
}

static void run_book(const uint8_t *data, size_t size)
{
	struct book b = {0};
	enum status st = bookfile_read_mem(data, size, "fuzz.yaml", book_record, &b);
	int k;

	if (st != STATUS_OK && (st != STATUS_BAD_INPUT || strncmp(status_detail(), "fuzz.yaml", 9)))
		abort(); /* a refusal says where */
	for (k = 0; k < IMPORT_KIND_COUNT; k++)
		import_free(b.im[k]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t how;
	int layout;

	if (size < 1)
		return 0;
	how = data[0];
	data++;
	size--;
	if (how & 0x80) {
		run_book(data, size);
		return 0;
	}
	/* bits 0-1: kind (accounts, contacts, responses, plays); bits 2-4:
	 * layout (0: recognised); bit 5: a map */
	layout = (how >> 2) & 7;
	run_csv((how & 3) == 3 ? IMPORT_PLAYS : (enum import_kind)(how & 3),
		layout == 0 || layout > LAYOUT_SURVEYMONKEY + 1 ? -1 : layout - 1,
		(how & 0x20) != 0, data, size);
	return 0;
}
