/* gw-types.h: shared enums, codes and forward declarations of the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every categorical field of the export contract (sex, age band, cause,
 * period, area type, note, polarity) is held as a small integer so that a
 * record fits in one 64-bit key (see gw-key.h).  The parse functions accept
 * exactly the spellings of the export format (help/C/import.page) and nothing else;
 * the to_string functions give them back.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _GwDataset GwDataset;
typedef struct _GwImport  GwImport;
typedef struct _GwBatch   GwBatch;

typedef enum
{
  GW_SEX_MALE    = 0,
  GW_SEX_FEMALE  = 1,
  GW_SEX_PERSONS = 2,
} GwSex;
#define GW_N_SEXES 3

/* Age bands: 0 is "0", 1 is "1-4", i in 2..18 is 5(i-1) to 5(i-1)+4
 * ("5-9" ... "85-89"), then the two open last bands. */
typedef enum
{
  GW_AGE_0       = 0,
  GW_AGE_1_4     = 1,
  GW_AGE_85_89   = 18,
  GW_AGE_90_PLUS = 19,
  GW_AGE_85_PLUS = 20,
} GwAgeBand;
#define GW_N_AGE_BANDS 21

/* The built-in causes.  Export 1.1 declares more: their numbers (from
 * GW_N_CAUSES up to GW_MAX_CAUSES - 1) are the dataset's cause registry's
 * (gw_dataset_get_cause()), and a GwCause may hold them. */
typedef enum
{
  GW_CAUSE_ALL = 0,      /* no cause attribute: all causes */
  GW_CAUSE_CIRCULATORY,
  GW_CAUSE_CANCER,
  GW_CAUSE_RESPIRATORY,
  GW_CAUSE_DIGESTIVE,
  GW_CAUSE_EXTERNAL,
  GW_CAUSE_OTHER,
} GwCause;
#define GW_N_CAUSES 7           /* the built-ins, with GW_CAUSE_ALL */

typedef enum
{
  GW_AREA_COUNTRY = 0,
  GW_AREA_REGION,
  GW_AREA_UA,
  GW_AREA_LA,
  GW_AREA_PCT,
  GW_AREA_CCG,
  GW_AREA_ICB,
  GW_AREA_MSOA,
  GW_AREA_LSOA,
  GW_AREA_OTHER,
} GwAreaType;
#define GW_N_AREA_TYPES 10

typedef enum
{
  GW_NOTE_NONE = 0,
  GW_NOTE_SUPPRESSED,
  GW_NOTE_UNRELIABLE,
  GW_NOTE_NOT_AVAILABLE,
} GwNote;

typedef enum
{
  GW_POLARITY_NONE = 0,
  GW_POLARITY_HIGHER_IS_BETTER,
  GW_POLARITY_LOWER_IS_BETTER,
} GwPolarity;

/* The four kinds of record tables of a dataset. */
typedef enum
{
  GW_RECORD_DEATHS = 0,
  GW_RECORD_POPULATION,
  GW_RECORD_BIRTHS,
  GW_RECORD_VALUES,
} GwRecordKind;
#define GW_N_RECORD_KINDS 4

gboolean     gw_sex_parse             (const char  *text,
                                       GwSex       *out);
const char  *gw_sex_to_string         (GwSex        sex);

gboolean     gw_age_band_parse        (const char  *text,
                                       GwAgeBand   *out);
const char  *gw_age_band_to_string    (GwAgeBand    band);
guint        gw_age_band_start        (GwAgeBand    band);
/* Width in years, 0 for an open band. */
guint        gw_age_band_width        (GwAgeBand    band);
gboolean     gw_age_band_is_open      (GwAgeBand    band);

gboolean     gw_cause_parse           (const char  *text,
                                       GwCause     *out);
const char  *gw_cause_to_string       (GwCause      cause);

/* An ICD-10 code as a number: letter (0-25) * 10000 + the two digits * 100
 * + the two after the point (I25.1 = 8 * 10000 + 2510).  A range I20-I25
 * covers I20.00 to I25.99. */
typedef struct
{
  guint        first;
  guint        last;
} GwIcd10Range;

/* ICD-10 codes and ranges, space-separated ("I20-I25 I60-I69", "U07.1
 * U07.2"), as GwIcd10Range; NULL when text is not such a list. */
GArray      *gw_icd10_parse_ranges    (const char  *text);
/* One code ("I21", "I21.4"): the range of the codes it covers. */
gboolean     gw_icd10_parse_code      (const char  *code,
                                       GwIcd10Range *out);

gboolean     gw_area_type_parse       (const char  *text,
                                       GwAreaType  *out);
const char  *gw_area_type_to_string   (GwAreaType   type);

gboolean     gw_note_parse            (const char  *text,
                                       GwNote      *out);
const char  *gw_note_to_string        (GwNote       note);

gboolean     gw_polarity_parse        (const char  *text,
                                       GwPolarity  *out);
const char  *gw_polarity_to_string    (GwPolarity   polarity);

const char  *gw_record_kind_to_string (GwRecordKind kind);

G_END_DECLS
