import { strToU8, zipSync } from 'fflate';
import { html } from '../shared/html.ts';

/** The SCORM versions packaged: 1.2 (the most widely supported) and 2004 4th edition. */
export type ScormPackageVersion = '1.2' | '2004';

/** What a package says about itself: its title, where it launches, the language of its title. */
export interface ScormManifestInfo {
  /** The package's identifier (letters, digits, `-`, `_`, `.`; an XML id). */
  identifier: string;
  title: string;
  /** The section it is limited to (`index.html?section=<id>`), or none for the whole deck. */
  section?: string;
}

/** The launch address: the one file, limited to a section by the deck's own `?section=`. */
const launch = (section?: string) => (section ? `index.html?section=${encodeURIComponent(section)}` : 'index.html');

/**
 * The SCORM 1.2 manifest: an IMS CP 1.1.2 manifest with ADL's 1.2 extensions, one organization
 * of one item, one SCO (`adlcp:scormtype="sco"`) launching `index.html`. No `adlcp:masteryscore`:
 * the deck decides passed or failed itself (every quiz at its pass mark), which a single
 * score threshold in the LMS would overrule.
 */
export function scorm12Manifest({ identifier, title, section }: ScormManifestInfo): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
${html`<manifest identifier="${identifier}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>${title}</title>
      <item identifier="item" identifierref="sco" isvisible="true">
        <title>${title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="${launch(section)}">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>`}
`;
}

/**
 * The SCORM 2004 4th edition manifest: IMS CP 1.1.4 with ADL's CAM extensions, one SCO
 * (`adlcp:scormType="sco"`). Its sequencing says the SCO sets completion and success itself
 * (`completionSetByContent`, `objectiveSetByContent`), so the LMS never marks the deck completed
 * or passed merely because it was opened and closed.
 */
export function scorm2004Manifest({ identifier, title, section }: ScormManifestInfo): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
${html`<manifest identifier="${identifier}" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org" adlseq:objectivesGlobalToSystem="false">
      <title>${title}</title>
      <item identifier="item" identifierref="sco">
        <title>${title}</title>
        <imsss:sequencing>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormType="sco" href="${launch(section)}">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>`}
`;
}

/**
 * The one-file deck as a package's single language: its links to the other languages' files
 * (the switch, and the `<link rel="alternate">` the page follows to a remembered language) lead
 * to files a package does not hold, so they are taken out.
 */
export function oneLanguage(page: string): string {
  return page.replace(/<link rel="alternate" hreflang="[^"]*" href="[^"]*">\n?/g, '').replace(/<nav class="kit-lang"[^>]*>[\s\S]*?<\/nav>/, '');
}

/** A SCORM package: `imsmanifest.xml` at the root and the one-file deck as `index.html`. */
export function scormPackage(version: ScormPackageVersion, info: ScormManifestInfo, offlinePage: string): Uint8Array {
  const manifest = version === '1.2' ? scorm12Manifest(info) : scorm2004Manifest(info);
  return zipSync({ 'imsmanifest.xml': strToU8(manifest), 'index.html': strToU8(oneLanguage(offlinePage)) });
}
