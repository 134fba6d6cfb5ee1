/*
 * The layouts: for each export a tool writes, which header holds which of
 * our fields, and which headers mark the file as that tool's. The csv
 * layout is our own export's columns, named as the fields are.
 */
#include <string.h>

#include "acctplan/parse.h"
#include "acctplan/rules.h"
#include "layout.h"

static const char *const layout_names[] = {
	[LAYOUT_CSV] = "csv",
	[LAYOUT_HUBSPOT] = "hubspot",
	[LAYOUT_SALESFORCE] = "salesforce",
	[LAYOUT_QUALTRICS] = "qualtrics",
	[LAYOUT_SURVEYMONKEY] = "surveymonkey",
	[LAYOUT_BOOK] = "book",
};

const char *layout_name(enum layout l)
{
	return (unsigned)l < LAYOUT_COUNT ? layout_names[l] : "?";
}

int layout_from_name(const char *s)
{
	return parse_name(s, layout_names, LAYOUT_COUNT);
}

/* ---- the presets ---------------------------------------------------------- */

#define PRESET(name) name, sizeof(name) / sizeof(*name)

/* Our own columns, as `acctplan export` writes them. */
static const struct preset csv_accounts[] = {
	{IF_ID, "id"},         {IF_EXTERNAL_REF, "external_ref"}, {IF_NAME, "name"},
	{IF_OWNER, "owner"},   {IF_SEGMENT, "segment"},           {IF_FIT, "fit"},
	{IF_STATUS, "status"}, {IF_REVENUE, "revenue"},           {IF_WALLET, "wallet"},
};
static const struct preset csv_contacts[] = {
	{IF_ID, "id"},
	{IF_EXTERNAL_REF, "external_ref"},
	{IF_ACCOUNT, "account"},
	{IF_NAME, "name"},
	{IF_FIRST_NAME, "first_name"},
	{IF_LAST_NAME, "last_name"},
	{IF_TITLE, "title"},
	{IF_ROLE, "role"},
	{IF_EMAIL, "email"},
	{IF_PHONE, "phone"},
};
static const struct preset csv_responses[] = {
	{IF_ID, "id"},
	{IF_EXTERNAL_REF, "external_ref"},
	{IF_ACCOUNT, "account"},
	{IF_CONTACT, "contact"},
	{IF_RESPONDED_ON, "responded_on"},
	{IF_SCORE, "score"},
	{IF_COMMENT, "comment"},
	{IF_SOURCE, "source"},
	{IF_DEFECTS, "defects"},
};

/* A CRM's plays: our own columns (those of `acctplan export plays` and
 * `acctplan plays --format csv`, where a CRM play's due day is "since"),
 * and the names a CRM's task or activity export gives them. The account
 * is its id in the CRM (account_ref, matched as its external_ref), else
 * our id, else its name. */
static const struct preset csv_plays[] = {
	{IF_EXTERNAL_REF, "external_ref|Record ID|Task ID|Activity ID|Play ID"},
	{IF_ACCOUNT_REF, "account_ref|Account ID|Company ID"},
	{IF_ACCOUNT_ID, "account_id"},
	{IF_ACCOUNT, "account|Account Name|Company Name|Company|Associated Company"},
	{IF_PLAY, "play|Task Title|Task|Subject|Play Name"},
	{IF_DUE, "due|Due Date|Activity Date|since"},
	{IF_SOURCE, "source"},
	{IF_KIND, "kind"},
};

/* HubSpot: the companies and contacts exports. A contact's company is the
 * company's record id (matched as its external_ref), else its name. */
static const struct preset hubspot_accounts[] = {
	{IF_EXTERNAL_REF, "Record ID|Company ID"},
	{IF_NAME, "Company name|Name"},
	{IF_OWNER, "Company owner"},
	{IF_SEGMENT, "Industry"},
	{IF_REVENUE, "Annual Revenue"},
};
static const struct preset hubspot_contacts[] = {
	{IF_EXTERNAL_REF, "Record ID|Contact ID"},
	{IF_FIRST_NAME, "First Name"},
	{IF_LAST_NAME, "Last Name"},
	{IF_EMAIL, "Email"},
	{IF_TITLE, "Job Title"},
	{IF_ROLE, "Buying Role"},
	{IF_PHONE, "Phone Number|Phone"},
	{IF_ACCOUNT, "Associated Company IDs|Associated Company IDs (Primary)|Associated Company ID"
		     "|Company Name|Associated Company"},
};

/* Salesforce: account and contact reports. */
static const struct preset salesforce_accounts[] = {
	{IF_EXTERNAL_REF, "Account ID"},
	{IF_NAME, "Account Name"},
	{IF_OWNER, "Account Owner|Account Owner: Full Name"},
	{IF_SEGMENT, "Industry"},
	{IF_REVENUE, "Annual Revenue"},
};
static const struct preset salesforce_contacts[] = {
	{IF_EXTERNAL_REF, "Contact ID"},
	{IF_FIRST_NAME, "First Name"},
	{IF_LAST_NAME, "Last Name"},
	{IF_TITLE, "Title"},
	{IF_EMAIL, "Email"},
	{IF_PHONE, "Phone"},
	{IF_ACCOUNT, "Account ID|Account Name"},
};

/* Qualtrics: the response export. The score and the comment are found by
 * their place (import.c): the question with a sibling NAME_NPS_GROUP, and
 * the first text answer after it. */
static const struct preset qualtrics_responses[] = {
	{IF_EXTERNAL_REF, "ResponseId|Response ID"},
	{IF_RESPONDED_ON, "RecordedDate|Recorded Date|EndDate|End Date"},
	{IF_CONTACT, "RecipientEmail|Recipient Email"},
	{IF_SURVEY_STATUS, "Status|Response Type"},
	{IF_FINISHED, "Finished"},
};

/* SurveyMonkey: the response export, question text in the first header
 * row; the score is the question asking how likely they are to recommend. */
static const struct preset surveymonkey_responses[] = {
	{IF_EXTERNAL_REF, "Respondent ID"},
	{IF_RESPONDED_ON, "End Date|Start Date"},
	{IF_CONTACT, "Email Address|Email"},
};

const struct preset *layout_preset(enum layout l, enum import_kind k, size_t *n)
{
	static const struct {
		enum layout l;
		enum import_kind k;
		const struct preset *p;
		size_t n;
	} all[] = {
		{LAYOUT_CSV, IMPORT_ACCOUNTS, PRESET(csv_accounts)},
		{LAYOUT_CSV, IMPORT_CONTACTS, PRESET(csv_contacts)},
		{LAYOUT_CSV, IMPORT_RESPONSES, PRESET(csv_responses)},
		{LAYOUT_CSV, IMPORT_PLAYS, PRESET(csv_plays)},
		{LAYOUT_HUBSPOT, IMPORT_ACCOUNTS, PRESET(hubspot_accounts)},
		{LAYOUT_HUBSPOT, IMPORT_CONTACTS, PRESET(hubspot_contacts)},
		{LAYOUT_SALESFORCE, IMPORT_ACCOUNTS, PRESET(salesforce_accounts)},
		{LAYOUT_SALESFORCE, IMPORT_CONTACTS, PRESET(salesforce_contacts)},
		{LAYOUT_QUALTRICS, IMPORT_RESPONSES, PRESET(qualtrics_responses)},
		{LAYOUT_SURVEYMONKEY, IMPORT_RESPONSES, PRESET(surveymonkey_responses)},
	};
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(*all); i++)
		if (all[i].l == l && all[i].k == k) {
			*n = all[i].n;
			return all[i].p;
		}
	*n = 0;
	return NULL;
}

bool layout_has(enum layout l, enum import_kind k)
{
	size_t n;

	if (l == LAYOUT_BOOK)
		return true;
	return layout_preset(l, k, &n) != NULL;
}

/* ---- recognising a header ---------------------------------------------- */

static char fold(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool layout_same(const char *cell, const char *h)
{
	size_t n = strlen(h);

	while (space(*cell))
		cell++;
	for (; n; n--, cell++, h++)
		if (fold(*cell) != fold(*h))
			return false;
	while (space(*cell))
		cell++;
	return !*cell;
}

static bool has(const char *const *cells, size_t n, const char *h)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (layout_same(cells[i], h))
			return true;
	return false;
}

bool layout_signed(enum layout l, enum import_kind k, const char *const *cells, size_t n)
{
	switch (l) {
	case LAYOUT_HUBSPOT:
		if (!has(cells, n, "Record ID"))
			return false;
		if (k == IMPORT_ACCOUNTS)
			return has(cells, n, "Company name") || has(cells, n, "Name");
		return k == IMPORT_CONTACTS &&
		       (has(cells, n, "First Name") || has(cells, n, "Last Name") ||
			has(cells, n, "Email"));
	case LAYOUT_SALESFORCE:
		if (has(cells, n, "Record ID"))
			return false;
		if (k == IMPORT_ACCOUNTS)
			return has(cells, n, "Account Name") &&
			       (has(cells, n, "Account ID") || has(cells, n, "Account Owner") ||
				has(cells, n, "Account Owner: Full Name"));
		return k == IMPORT_CONTACTS &&
		       (has(cells, n, "Contact ID") ||
			((has(cells, n, "First Name") || has(cells, n, "Last Name")) &&
			 (has(cells, n, "Account Name") || has(cells, n, "Account ID"))));
	case LAYOUT_QUALTRICS:
		return k == IMPORT_RESPONSES && has(cells, n, "ResponseId");
	case LAYOUT_SURVEYMONKEY:
		return k == IMPORT_RESPONSES && has(cells, n, "Respondent ID");
	case LAYOUT_CSV:
		if (k == IMPORT_ACCOUNTS)
			return has(cells, n, "name");
		if (k == IMPORT_CONTACTS)
			return (has(cells, n, "name") || has(cells, n, "first_name") ||
				has(cells, n, "last_name")) &&
			       has(cells, n, "account");
		if (k == IMPORT_PLAYS)
			return has(cells, n, "play") || has(cells, n, "Task Title") ||
			       has(cells, n, "Task") || has(cells, n, "Subject") ||
			       has(cells, n, "Play Name");
		return k == IMPORT_RESPONSES && has(cells, n, "score");
	default:
		return false;
	}
}

/* ---- roles ------------------------------------------------------------- */

int layout_role(const char *s)
{
	static const struct {
		const char *label;
		enum role role;
	} labels[] = {
		{"decision_maker", ROLE_DECISION_MAKER},
		{"decision maker", ROLE_DECISION_MAKER},
		{"budget holder", ROLE_DECISION_MAKER},
		{"executive sponsor", ROLE_DECISION_MAKER},
		{"influencer", ROLE_INFLUENCER},
		{"champion", ROLE_INFLUENCER},
		{"blocker", ROLE_INFLUENCER},
		{"user", ROLE_USER},
		{"end user", ROLE_USER},
		{"other", ROLE_OTHER},
	};
	size_t i;

	for (i = 0; i < sizeof(labels) / sizeof(*labels); i++)
		if (layout_same(s, labels[i].label))
			return (int)labels[i].role;
	return -1;
}
