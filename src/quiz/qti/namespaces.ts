/** The namespaces and schema locations the package's documents declare. */

export const QTI_NS = 'http://www.imsglobal.org/xsd/imsqti_v2p1';
export const QTI_XSD = 'http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd';
export const CP_NS = 'http://www.imsglobal.org/xsd/imscp_v1p1';
export const CP_XSD = 'http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd';
export const LOM_NS = 'http://ltsc.ieee.org/xsd/LOM';
export const LOM_XSD = 'http://www.imsglobal.org/xsd/imsmd_loose_v1p3p2.xsd';
