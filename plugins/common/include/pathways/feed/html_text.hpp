// HTML (or plain text) from a partner description turned into the plain text Pathways stores.
#pragma once

#include <string>
#include <string_view>

namespace pathways::feed {

// Drops tags, script and style; block tags and <br> become line breaks; decodes character
// references (&amp; &pound; &#163; &#xA3; …) to UTF-8; collapses runs of spaces; trims.
std::string html_to_text(std::string_view html);

}  // namespace pathways::feed
