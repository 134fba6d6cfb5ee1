/* The validators; see validate.h. */
#include <ctype.h>
#include <string.h>

#include "acctplan/rules.h"
#include "acctplan/validate.h"

const char *invalid_message(enum invalid v)
{
	static const char *const msgs[] = {
#define INVALID_MSG(name, msg) msg,
		INVALID_LIST(INVALID_MSG)
#undef INVALID_MSG
	};
	return (unsigned)v < sizeof(msgs) / sizeof(*msgs) ? msgs[v] : "invalid";
}

bool validate_blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

enum invalid validate_note(const struct note_check *n, int today)
{
	if (validate_blank(n->body))
		return INVALID_EMPTY_TEXT;
	if (n->reason >= 0 && n->good_time != GOOD_NO && n->good_time != GOOD_UNSURE)
		return INVALID_REASON_WITHOUT_NO;
	if (n->next >= 0 && n->next < today && n->next != n->kept_next)
		return INVALID_NEXT_IN_PAST;
	return INVALID_OK;
}

enum invalid validate_defect_code(const char *code)
{
	size_t n = code ? strlen(code) : 0, i;

	if (n == 0 || n > 40)
		return INVALID_DEFECT_CODE;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)code[i]) && code[i] != '-' && code[i] != '_')
			return INVALID_DEFECT_CODE;
	return INVALID_OK;
}

enum invalid validate_defect(const char *code, const char *title)
{
	enum invalid v = validate_defect_code(code);

	if (v != INVALID_OK)
		return v;
	return validate_blank(title) ? INVALID_EMPTY_TITLE : INVALID_OK;
}

enum invalid validate_condition(const char *text)
{
	return validate_blank(text) ? INVALID_EMPTY_TEXT : INVALID_OK;
}

static enum invalid amount(int64_t v)
{
	if (v < 0)
		return INVALID_NEGATIVE_AMOUNT;
	if (v > VALIDATE_MAX_AMOUNT)
		return INVALID_AMOUNT_TOO_LARGE;
	return INVALID_OK;
}

enum invalid validate_account(const char *name, int64_t revenue, bool has_wallet, int64_t wallet)
{
	enum invalid v;

	if (validate_blank(name))
		return INVALID_EMPTY_NAME;
	if ((v = amount(revenue)) != INVALID_OK)
		return v;
	return has_wallet ? amount(wallet) : INVALID_OK;
}

enum invalid validate_contact(const char *name)
{
	return validate_blank(name) ? INVALID_EMPTY_NAME : INVALID_OK;
}

enum invalid validate_response(int score, int day, int today)
{
	if (score < 0 || score > 10)
		return INVALID_SCORE_RANGE;
	if (day > today)
		return INVALID_FUTURE_DATE;
	return INVALID_OK;
}

enum invalid validate_action(const char *text, const char *owner)
{
	if (validate_blank(text))
		return INVALID_EMPTY_TEXT;
	return validate_blank(owner) ? INVALID_EMPTY_OWNER : INVALID_OK;
}
